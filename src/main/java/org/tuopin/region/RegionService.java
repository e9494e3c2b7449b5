package org.tuopin.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.StreamingJdbc;
import org.tuopin.base.UserError;

/** Regions and groups as the signed-in account may see them: its own region and everything below. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class RegionService {

    private final RegionRepository regions;
    private final RegionGroupRepository groups;
    private final CurrentScope currentScope;
    private final AuditTrail audit;
    private final NamedParameterJdbcTemplate streaming;

    RegionService(RegionRepository regions, RegionGroupRepository groups, CurrentScope currentScope, AuditTrail audit,
                  DataSource dataSource) {
        this.regions = regions;
        this.groups = groups;
        this.currentScope = currentScope;
        this.audit = audit;
        this.streaming = StreamingJdbc.on(dataSource);
    }

    /** A region with its parent's code: one line of an export of the tree. */
    public record RegionLine(RegionNode region, @Nullable String parentCode) {
    }

    /**
     * Every region in scope, in tree order (a parent before its children), streamed: what the regions tree shows
     * when every branch is open. With a designation, only regions that have it themselves or somewhere below them,
     * as the tree filters. Returns the number of regions.
     */
    public long streamTree(@Nullable Designation designation, Consumer<RegionLine> sink) {
        Scope scope = currentScope.require();
        long[] n = {0};
        streaming.query("""
                        select r.id, r.code, r.level, r.name_en, r.name_zh, r.designation, r.eight_provinces, p.code
                        from region r left join region p on p.id = r.parent_id
                        where r.path like :scope || '%'
                          and (:designation = '' or exists (select 1 from region d where d.path like r.path || '%'
                                                              and d.designation = :designation))
                        order by r.path""",
                new MapSqlParameterSource("scope", scope.path())
                        .addValue("designation", designation == null ? "" : designation.name()),
                (RowCallbackHandler) rs -> {
                    String d = rs.getString(6);
                    sink.accept(new RegionLine(new RegionNode(rs.getLong(1), rs.getString(2),
                            RegionLevel.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            d == null ? null : Designation.valueOf(d), rs.getBoolean(7)), rs.getString(8)));
                    n[0]++;
                });
        return n[0];
    }

    /** The account's own region: the root of everything it sees. */
    public RegionRef scopeRoot() {
        Scope scope = currentScope.require();
        return regions.findById(scope.regionId()).map(Region::toRef).orElseThrow();
    }

    /** A region or group by code; one outside the scope is "not found", exactly like one that does not exist. */
    public RegionRef get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("Region " + code));
    }

    public Optional<RegionRef> find(String code) {
        Scope scope = currentScope.require();
        if (code.startsWith("GROUP:")) {
            return groups.findAllInScope(scope.path()).stream().filter(g -> g.getCode().equals(code))
                    .findFirst().map(RegionGroup::toRef);
        }
        return regions.findByCodeInScope(code, scope.path()).map(Region::toRef);
    }

    /** Children of a region in the tree; {@code null} asks for the scope's root. */
    public List<RegionNode> children(@Nullable RegionNode parent, int offset, int limit) {
        return children(parent, null, offset, limit);
    }

    /** Children with the designation themselves or somewhere below them (all children when it is null). */
    public List<RegionNode> children(@Nullable RegionNode parent, @Nullable Designation designation, int offset,
                                     int limit) {
        Scope scope = currentScope.require();
        if (parent == null) {
            return offset > 0 ? List.of() : regions.findById(scope.regionId()).map(this::node).stream().toList();
        }
        return regions.findChildrenInScope(parent.id(), scope.path(), designation == null ? "" : designation.name(),
                offset, limit).stream().map(this::node).toList();
    }

    public int childCount(@Nullable RegionNode parent) {
        return childCount(parent, null);
    }

    public int childCount(@Nullable RegionNode parent, @Nullable Designation designation) {
        Scope scope = currentScope.require();
        return parent == null ? 1 : regions.countChildrenInScope(parent.id(), scope.path(),
                designation == null ? "" : designation.name());
    }

    /**
     * The ids of those regions that have children in scope (with the designation rule of
     * {@link #children(RegionNode, Designation, int, int)}): one query for a page of tree rows, instead of a count
     * per row for the tree's expand toggles.
     */
    public Set<Long> withChildren(List<RegionNode> nodes, @Nullable Designation designation) {
        Scope scope = currentScope.require();
        if (nodes.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(regions.findParentsWithChildrenInScope(nodes.stream().map(RegionNode::id).toList(),
                scope.path(), designation == null ? "" : designation.name()));
    }

    /**
     * Regions and groups in scope whose code or name contains the text, for searchable pickers.
     * Groups come first, then regions in tree order.
     */
    public List<RegionRef> search(String text, int offset, int limit) {
        return search(text, true, offset, limit);
    }

    public List<RegionRef> search(String text, boolean includeGroups, int offset, int limit) {
        Scope scope = currentScope.require();
        String needle = text == null ? "" : text.trim().toLowerCase();
        List<RegionRef> matchingGroups = includeGroups ? matchingGroups(scope, needle) : List.of();
        List<RegionRef> result = new ArrayList<>();
        int skip = offset;
        for (RegionRef g : matchingGroups) {
            if (skip > 0) {
                skip--;
            } else if (result.size() < limit) {
                result.add(g);
            }
        }
        if (result.size() < limit) {
            regions.searchInScope(scope.path(), needle, skip, limit - result.size()).stream()
                    .map(Region::toRef).forEach(result::add);
        }
        return result;
    }

    public int searchCount(String text) {
        return searchCount(text, true);
    }

    public int searchCount(String text, boolean includeGroups) {
        Scope scope = currentScope.require();
        String needle = text == null ? "" : text.trim().toLowerCase();
        return (includeGroups ? matchingGroups(scope, needle).size() : 0)
                + regions.countSearchInScope(scope.path(), needle);
    }

    /** What an administrator fills in for a new region. */
    public record NewRegion(String parentCode, String code, String nameEn, String nameZh,
                            @Nullable Designation designation, boolean eightProvinces) {
    }

    /**
     * Adds a region below one in the administrator's scope, one level down (province under the country,
     * prefecture under a province, county under a prefecture). Codes are six-digit GB/T 2260 codes.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public RegionNode create(NewRegion request) {
        Scope scope = currentScope.require();
        Region parent = regions.findByCodeInScope(request.parentCode() == null ? "" : request.parentCode(), scope.path())
                .orElseThrow(() -> new NotFoundException("Region " + request.parentCode()));
        String code = request.code() == null ? "" : request.code().trim();
        if (!code.matches("[1-9]\\d{5}")) {
            throw new UserError("regions.error.code");
        }
        if (regions.findByCode(code).isPresent()) {
            throw new UserError("regions.error.taken", code);
        }
        if (parent.getLevel() == RegionLevel.COUNTY) {
            throw new UserError("regions.error.belowCounty");
        }
        requireNames(request.nameEn(), request.nameZh());
        RegionLevel level = RegionLevel.values()[parent.getLevel().ordinal() + 1];
        Region region = regions.saveAndFlush(new Region(code, level, parent, request.nameEn().trim(),
                request.nameZh().trim(), request.designation(), request.eightProvinces()));
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), AuditAction.CREATE,
                "region", code, region.getId(), List.of(FieldChange.of("parent", null, parent.getCode()),
                FieldChange.of("nameEn", null, region.getNameEn()), FieldChange.of("nameZh", null, region.getNameZh()),
                FieldChange.of("level", null, level)), null));
        return node(region);
    }

    /** Changes a region's names, designation and group membership; the code and the place in the tree stay. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public RegionNode update(String code, long version, String nameEn, String nameZh, @Nullable Designation designation,
                             boolean eightProvinces) {
        Scope scope = currentScope.require();
        // the row lock makes a second administrator wait and then meet the new version, refused and audited below
        regions.lockByCode(code);
        Region region = regions.findByCodeInScope(code, scope.path())
                .orElseThrow(() -> new NotFoundException("Region " + code));
        if (region.getVersion() != version) {
            // refused, and recorded in a transaction of its own since this one rolls back
            audit.recordStaleRefusal(new AuditTrail.Actor(scope.username(), scope.role().name()), "region", code,
                    region.getId(), version, region.getVersion(), null);
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException(Region.class, code);
        }
        requireNames(nameEn, nameZh);
        List<FieldChange> changes = new java.util.ArrayList<>();
        if (!region.getNameEn().equals(nameEn.trim())) {
            changes.add(FieldChange.of("nameEn", region.getNameEn(), nameEn.trim()));
        }
        if (!region.getNameZh().equals(nameZh.trim())) {
            changes.add(FieldChange.of("nameZh", region.getNameZh(), nameZh.trim()));
        }
        if (region.getDesignation() != designation) {
            changes.add(FieldChange.of("designation", region.getDesignation(), designation));
        }
        if (region.isEightProvinces() != eightProvinces) {
            changes.add(FieldChange.of("eightProvinces", region.isEightProvinces(), eightProvinces));
        }
        if (changes.isEmpty()) {
            return node(region);
        }
        region.rename(nameEn.trim(), nameZh.trim(), designation, eightProvinces);
        regions.saveAndFlush(region);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), AuditAction.UPDATE,
                "region", code, region.getId(), changes, null));
        return node(region);
    }

    /** The version of a region, for an edit form. */
    @Transactional(readOnly = true)
    public long version(String code) {
        Scope scope = currentScope.require();
        return regions.findByCodeInScope(code, scope.path()).map(Region::getVersion)
                .orElseThrow(() -> new NotFoundException("Region " + code));
    }

    private static void requireNames(String nameEn, String nameZh) {
        if (nameEn == null || nameEn.isBlank() || nameEn.length() > 200 || nameZh == null || nameZh.isBlank()
                || nameZh.length() > 200) {
            throw new UserError("regions.error.names");
        }
    }

    private List<RegionRef> matchingGroups(Scope scope, String needle) {
        return groups.findAllInScope(scope.path()).stream()
                .filter(g -> needle.isEmpty() || g.getCode().toLowerCase().contains(needle)
                        || g.getNameEn().toLowerCase().contains(needle) || g.getNameZh().contains(needle))
                .map(RegionGroup::toRef).toList();
    }

    private RegionNode node(Region r) {
        return new RegionNode(r.getId(), r.getCode(), r.getLevel(), r.getNameEn(), r.getNameZh(), r.getDesignation(),
                r.isEightProvinces());
    }
}
