package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.TuopinTest;
import org.tuopin.access.Role;
import org.tuopin.audit.AuditVerification;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.dashboard.DashboardService;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureImportService;
import org.tuopin.figures.BulkReviewService;
import org.tuopin.figures.FigureQueryService;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ProgressService;
import org.tuopin.figures.ReportLocked;
import org.tuopin.figures.ReportModels;
import org.tuopin.figures.ReportModels.ReportKey;
import org.tuopin.figures.ReportService;
import org.tuopin.figures.ReportingYearService;
import org.tuopin.figures.RuleViolation;
import org.tuopin.figures.ValueKind;
import org.tuopin.region.RegionService;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingFilter;
import org.tuopin.pairing.PairingInput;

/**
 * Every public method of every service, for every role, inside and outside the caller's scope, against
 * the table of the access-control issue. Each role is played by an account bound to Sichuan (510000), so
 * that Sichuan's Liangshan lies in scope and Yunnan's Nujiang outside it. A service method that is not
 * in {@link #CASES} fails {@link #everyPublicServiceMethodIsInTheMatrix()}: new services must be added here.
 */
@TuopinTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    enum Expect { ALLOW, DENY, NOT_FOUND, REFUSED }

    /**
     * One method, called one way, with the outcome expected for each role. The administrator among the roles is
     * bound to Sichuan; {@code national}, where given, is the outcome for an administrator bound to the country,
     * who also makes the call (DD023).
     */
    record Case(String method, String call, Function<Services, Object> invocation, Map<Role, Expect> expected,
                Expect national) {

        Case(String method, String call, Function<Services, Object> invocation, Map<Role, Expect> expected) {
            this(method, call, invocation, expected, null);
        }

        /** The same call, also made by an administrator bound to the country, with that outcome. */
        Case national(Expect outcome) {
            return new Case(method, call, invocation, expected, outcome);
        }
    }

    /** The administrator bound to the country, who holds the national settings. */
    static final String NATIONAL_ADMIN = "matrix.national";

    /** The services under test, handed to each invocation. */
    record Services(FigureQueryService figures, RegionService regions, DashboardService dashboard,
                    AccountService accounts, AuditVerification verification, ReportService reports,
                    BulkReviewService bulk, ProgressService progress, ReportingYearService years,
                    org.tuopin.audit.AuditQueryService audit, org.tuopin.base.export.ExportService exports,
                    org.tuopin.dispatch.DispatchCountService dispatches, org.tuopin.pairing.PairingService pairings,
                    JdbcClient jdbc, FigureImportService imports,
                    org.tuopin.dashboard.RegionPageService regionPages,
                    org.tuopin.dispatch.DispatchService roster, ApiTokenService tokens,
                    org.tuopin.audit.AuditCheckpoints checkpoints) {
    }

    static final Map<Role, String> PLAYERS = Map.of(
            Role.ADMIN, "matrix.admin",
            Role.SUPERVISOR, "supervisor.sichuan",
            Role.DATA_ENTRY, "matrix.clerk",
            Role.AUDITOR, "matrix.auditor");

    static final String COUNTY = "513431";
    static final String OUT_COUNTY = "533301";
    static final List<ReportModels.ValueInput> ONE_VALUE = List.of(new ReportModels.ValueInput(
            Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new java.math.BigDecimal("1200"), "county office", null));
    static final String IN_SCOPE = "513400";
    static final String OUT_OF_SCOPE = "533300";

    static Map<Role, Expect> all(Expect e) {
        Map<Role, Expect> m = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            m.put(r, e);
        }
        return m;
    }

    static Map<Role, Expect> allBut(Role role, Expect forThatRole) {
        Map<Role, Expect> m = all(Expect.ALLOW);
        m.put(role, forThatRole);
        return m;
    }

    static Map<Role, Expect> adminOnly(Expect forAdmin) {
        Map<Role, Expect> m = all(Expect.DENY);
        m.put(Role.ADMIN, forAdmin);
        return m;
    }

    /** A token of clerk.nujiang (Yunnan), made in the case's own transaction, which rolls back. */
    static long otherAccountsToken(Services s) {
        return s.jdbc().sql("""
                        insert into api_token(account_id, name, token_hash, hint, expires_at)
                        values ((select id from account where username = 'clerk.nujiang'), 'theirs', repeat('a', 64), 'x',
                                now() + interval '1 day') returning id""").query(Long.class).single();
    }

    static long accountId(Services s, String username) {
        return s.jdbc().sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    static long accountVersion(Services s, String username) {
        return s.jdbc().sql("select version from account where username = :u").param("u", username)
                .query(Long.class).single();
    }

    static final List<Case> CASES = List.of(
            // figures: everyone reads inside the scope; outside it, the region does not exist
            new Case("FigureQueryService#find", "in scope",
                    s -> s.figures().find(new FigureFilter(null, IN_SCOPE, null), List.of(), 0, 10), all(Expect.ALLOW)),
            new Case("FigureQueryService#find", "out of scope",
                    s -> s.figures().find(new FigureFilter(null, OUT_OF_SCOPE, null), List.of(), 0, 10),
                    all(Expect.NOT_FOUND)),
            new Case("FigureQueryService#count", "in scope",
                    s -> s.figures().count(new FigureFilter(2018, IN_SCOPE, null)), all(Expect.ALLOW)),
            new Case("FigureQueryService#count", "out of scope",
                    s -> s.figures().count(new FigureFilter(2018, OUT_OF_SCOPE, null)), all(Expect.NOT_FOUND)),
            new Case("FigureQueryService#stream", "in scope",
                    s -> { s.figures().stream(new FigureFilter(null, IN_SCOPE, null), r -> { }); return null; },
                    all(Expect.ALLOW)),
            new Case("FigureQueryService#stream", "out of scope",
                    s -> { s.figures().stream(new FigureFilter(null, OUT_OF_SCOPE, null), r -> { }); return null; },
                    all(Expect.NOT_FOUND)),
            // regions
            new Case("RegionService#scopeRoot", "own region", s -> s.regions().scopeRoot(), all(Expect.ALLOW)),
            new Case("RegionService#get", "in scope", s -> s.regions().get(IN_SCOPE), all(Expect.ALLOW)),
            new Case("RegionService#get", "out of scope", s -> s.regions().get(OUT_OF_SCOPE), all(Expect.NOT_FOUND)),
            new Case("RegionService#find", "out of scope",
                    s -> s.regions().find(OUT_OF_SCOPE).orElseThrow(() -> new NotFoundException("region")),
                    all(Expect.NOT_FOUND)),
            new Case("RegionService#children", "tree root", s -> s.regions().children(null, 0, 10), all(Expect.ALLOW)),
            new Case("RegionService#childCount", "tree root", s -> s.regions().childCount(null), all(Expect.ALLOW)),
            new Case("RegionService#streamTree", "the tree in scope",
                    s -> s.regions().streamTree(null, line -> { }), all(Expect.ALLOW)),
            new Case("RegionService#search", "out of scope is not offered",
                    s -> s.regions().search("Nujiang", 0, 10).isEmpty() ? null : fail("Nujiang offered"),
                    all(Expect.ALLOW)),
            new Case("RegionService#searchCount", "out of scope is not counted",
                    s -> s.regions().searchCount("Nujiang", false) == 0 ? null : fail("Nujiang counted"),
                    all(Expect.ALLOW)),
            new Case("RegionService#version", "in scope", s -> s.regions().version(IN_SCOPE), all(Expect.ALLOW)),
            new Case("RegionService#create", "in scope",
                    s -> s.regions().create(new RegionService.NewRegion(IN_SCOPE, "513499", "New County", "新县", null,
                            false)), adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("RegionService#create", "out of scope",
                    s -> s.regions().create(new RegionService.NewRegion(OUT_OF_SCOPE, "533399", "New County", "新县",
                            null, false)), adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("RegionService#update", "in scope",
                    s -> s.regions().update(IN_SCOPE, s.regions().version(IN_SCOPE), "Liangshan", "凉山彝族自治州",
                            org.tuopin.region.Designation.THREE_PREFECTURES, false), adminOnly(Expect.ALLOW))
                    .national(Expect.ALLOW),
            new Case("RegionService#update", "out of scope",
                    s -> s.regions().update(OUT_OF_SCOPE, regionVersion(s, OUT_OF_SCOPE), "Nujiang", "怒江", null, false),
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            // dashboard: everyone, always inside their own scope (DashboardServiceTest checks the numbers)
            new Case("DashboardService#years", "reporting years", s -> s.dashboard().years(), all(Expect.ALLOW)),
            new Case("DashboardService#latestYear", "own scope",
                    s -> s.dashboard().latestYear(org.tuopin.dashboard.FigureBasis.APPROVED_ONLY), all(Expect.ALLOW)),
            new Case("DashboardService#incidenceTrend", "own scope",
                    s -> s.dashboard().incidenceTrend(org.tuopin.dashboard.FigureBasis.ALL_STATES), all(Expect.ALLOW)),
            new Case("DashboardService#yearFigures", "own scope",
                    s -> s.dashboard().yearFigures(2019, org.tuopin.dashboard.FigureBasis.APPROVED_ONLY), all(Expect.ALLOW)),
            new Case("DashboardService#officialsByRoleAndRank", "own scope",
                    s -> s.dashboard().officialsByRoleAndRank(2018), all(Expect.ALLOW)),
            new Case("DashboardService#pairingFundsByDonorType", "own scope",
                    s -> s.dashboard().pairingFundsByDonorType(2018), all(Expect.ALLOW)),
            new Case("DashboardService#completeness", "own scope", s -> s.dashboard().completeness(), all(Expect.ALLOW)),
            // the region page: any region in scope; one outside it does not exist
            new Case("RegionPageService#profile", "in scope", s -> s.regionPages().profile(IN_SCOPE), all(Expect.ALLOW)),
            new Case("RegionPageService#profile", "out of scope", s -> s.regionPages().profile(OUT_OF_SCOPE),
                    all(Expect.NOT_FOUND)),
            new Case("RegionPageService#figures", "in scope", s -> s.regionPages().figures(IN_SCOPE), all(Expect.ALLOW)),
            new Case("RegionPageService#figures", "out of scope", s -> s.regionPages().figures(OUT_OF_SCOPE),
                    all(Expect.NOT_FOUND)),
            new Case("RegionPageService#belowAgainstOwn", "in scope", s -> s.regionPages().belowAgainstOwn(IN_SCOPE, 2019),
                    all(Expect.ALLOW)),
            new Case("RegionPageService#belowAgainstOwn", "out of scope",
                    s -> s.regionPages().belowAgainstOwn(OUT_OF_SCOPE, 2019), all(Expect.NOT_FOUND)),
            new Case("RegionPageService#dispatches", "in scope", s -> s.regionPages().dispatches(IN_SCOPE),
                    all(Expect.ALLOW)),
            new Case("RegionPageService#dispatches", "out of scope", s -> s.regionPages().dispatches(OUT_OF_SCOPE),
                    all(Expect.NOT_FOUND)),
            new Case("RegionPageService#pairings", "in scope", s -> s.regionPages().pairings(IN_SCOPE), all(Expect.ALLOW)),
            new Case("RegionPageService#pairings", "out of scope", s -> s.regionPages().pairings(OUT_OF_SCOPE),
                    all(Expect.NOT_FOUND)),
            // reading the audit trail: an office its own entries, the others their scope
            new Case("AuditQueryService#find", "own scope",
                    s -> s.audit().find(org.tuopin.audit.AuditQueryService.AuditFilter.none(), 0, 10), all(Expect.ALLOW)),
            new Case("AuditQueryService#count", "own scope",
                    s -> s.audit().count(org.tuopin.audit.AuditQueryService.AuditFilter.none()), all(Expect.ALLOW)),
            new Case("AuditQueryService#stream", "own scope",
                    s -> s.audit().stream(org.tuopin.audit.AuditQueryService.AuditFilter.none(), r -> { }),
                    all(Expect.ALLOW)),
            new Case("ExportService#started", "any export",
                    s -> s.exports().started("figures", "csv", ""), all(Expect.ALLOW)),
            new Case("ExportService#finished", "any export", s -> {
                s.exports().finished(new org.tuopin.base.export.ExportService.Run("x", "figures", "csv", ""), 0);
                return null;
            }, all(Expect.ALLOW)),
            // the name of a failure for the audit entry: no data, no account
            new Case("ExportService#reason", "any failure",
                    s -> org.tuopin.base.export.ExportService.reason(new java.io.IOException()), all(Expect.ALLOW)),
            new Case("ExportService#aborted", "any export", s -> {
                s.exports().aborted(new org.tuopin.base.export.ExportService.Run("x", "figures", "csv", ""), 0, 0, "test");
                return null;
            }, all(Expect.ALLOW)),
            new Case("DispatchCountService#stream", "own scope", s -> s.dispatches().stream(r -> { }), all(Expect.ALLOW)),
            new Case("PairingService#stream", "own scope", s -> s.pairings().stream(r -> { }), all(Expect.ALLOW)),
            // pairing assistance: everyone reads in scope; the local office enters and edits
            new Case("PairingService#stream", "out of scope",
                    s -> s.pairings().stream(new PairingFilter(OUT_OF_SCOPE, null, null), r -> { }),
                    all(Expect.NOT_FOUND)),
            new Case("PairingService#find", "in scope",
                    s -> s.pairings().find(new PairingFilter(IN_SCOPE, null, 2019), List.of(), 0, 10), all(Expect.ALLOW)),
            new Case("PairingService#find", "out of scope",
                    s -> s.pairings().find(new PairingFilter(OUT_OF_SCOPE, null, null), List.of(), 0, 10),
                    all(Expect.NOT_FOUND)),
            new Case("PairingService#count", "in scope", s -> s.pairings().count(new PairingFilter(IN_SCOPE, null, null)),
                    all(Expect.ALLOW)),
            new Case("PairingService#count", "out of scope",
                    s -> s.pairings().count(new PairingFilter(OUT_OF_SCOPE, null, null)), all(Expect.NOT_FOUND)),
            new Case("PairingService#get", "in scope", s -> s.pairings().get(pairing(s, IN_SCOPE)), all(Expect.ALLOW)),
            new Case("PairingService#get", "out of scope", s -> s.pairings().get(pairing(s, OUT_OF_SCOPE)),
                    all(Expect.NOT_FOUND)),
            new Case("PairingService#totalsByDonorType", "in scope",
                    s -> s.pairings().totalsByDonorType(new PairingFilter(IN_SCOPE, null, null)), all(Expect.ALLOW)),
            new Case("PairingService#totalsByDonorType", "out of scope",
                    s -> s.pairings().totalsByDonorType(new PairingFilter(OUT_OF_SCOPE, null, null)),
                    all(Expect.NOT_FOUND)),
            new Case("PairingService#totalsByRecipient", "own scope",
                    s -> s.pairings().totalsByRecipient(PairingFilter.none(), 0, 10), all(Expect.ALLOW)),
            new Case("PairingService#recipientCount", "own scope",
                    s -> s.pairings().recipientCount(PairingFilter.none()), all(Expect.ALLOW)),
            new Case("PairingService#create", "in scope", s -> s.pairings().create(pairingInput(IN_SCOPE)),
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("PairingService#create", "out of scope", s -> s.pairings().create(pairingInput(OUT_OF_SCOPE)),
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            new Case("PairingService#update", "in scope",
                    s -> s.pairings().update(pairing(s, IN_SCOPE), 0, pairingInput(IN_SCOPE)),
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("PairingService#update", "out of scope",
                    s -> s.pairings().update(pairing(s, OUT_OF_SCOPE), 0, pairingInput(OUT_OF_SCOPE)),
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            // import of yearly figures: local offices only. It runs in a transaction of its own, so these cases
            // store nothing: the dry run always rolls back, and the import meets a closed year.
            // the size and row limits, which the upload and the REST endpoint show before any file is sent
            new Case("FigureImportService#limits", "the configured limits", s -> s.imports().limits(), all(Expect.ALLOW)),
            new Case("FigureImportService#template", "own scope",
                    s -> s.imports().template(2020, FigureImportService.Format.CSV), only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("FigureImportService#dryRun", "in scope",
                    s -> s.imports().dryRun(importFile(COUNTY, 2020), FigureImportService.Format.CSV).clean() ? null
                            : fail("in-scope row refused"), only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("FigureImportService#dryRun", "out of scope is a problem, not a value",
                    s -> s.imports().dryRun(importFile(OUT_COUNTY, 2020), FigureImportService.Format.CSV).clean()
                            ? fail("out-of-scope row accepted") : null, only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("FigureImportService#importFigures", "in scope, closed year: nothing stored",
                    s -> s.imports().importFigures(importFile(COUNTY, 2019), FigureImportService.Format.CSV).stored()
                            ? fail("stored into a closed year") : null, only(Role.DATA_ENTRY, Expect.ALLOW)),
            // the audit chain's verification
            new Case("AuditVerification#verify", "whole chain", s -> s.verification().verify(),
                    allBut(Role.DATA_ENTRY, Expect.DENY)).national(Expect.ALLOW),
            new Case("AuditVerification#verifyChain", "whole chain without checkpoint",
                    s -> s.verification().verifyChain(), allBut(Role.DATA_ENTRY, Expect.DENY)).national(Expect.ALLOW),
            new Case("AuditCheckpoints#download", "signed checkpoints and public key",
                    s -> s.checkpoints().download(), allBut(Role.DATA_ENTRY, Expect.DENY)).national(Expect.ALLOW),
            // account administration: administrators only, inside their own scope
            new Case("AccountService#find", "in scope", s -> s.accounts().find("", 0, 50), adminOnly(Expect.ALLOW))
                    .national(Expect.ALLOW),
            new Case("AccountService#find", "an account of another province",
                    s -> listed(!s.accounts().find("clerk.nujiang", 0, 50).isEmpty()), adminOnly(Expect.NOT_FOUND))
                    .national(Expect.ALLOW),
            new Case("AccountService#count", "in scope", s -> s.accounts().count(""), adminOnly(Expect.ALLOW))
                    .national(Expect.ALLOW),
            new Case("AccountService#count", "an account above the province",
                    s -> listed(s.accounts().count("matrix.national") > 0), adminOnly(Expect.NOT_FOUND))
                    .national(Expect.ALLOW),
            new Case("AccountService#create", "in scope",
                    s -> s.accounts().create(new AccountService.NewAccount("matrix.new", "New", Role.DATA_ENTRY, IN_SCOPE)),
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#create", "an administrator of the province",
                    s -> s.accounts().create(new AccountService.NewAccount("matrix.new", "New", Role.ADMIN, "510000")),
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#create", "an administrator bound to the country",
                    s -> s.accounts().create(new AccountService.NewAccount("matrix.new", "New", Role.ADMIN, "CN")),
                    adminOnly(Expect.REFUSED)).national(Expect.ALLOW),
            new Case("AccountService#create", "out of scope",
                    s -> s.accounts().create(new AccountService.NewAccount("matrix.new", "New", Role.DATA_ENTRY,
                            OUT_OF_SCOPE)),
                    adminOnly(Expect.REFUSED)).national(Expect.ALLOW),
            new Case("AccountService#resetPassword", "in scope",
                    s -> s.accounts().resetPassword(accountId(s, "clerk.liangshan"), accountVersion(s, "clerk.liangshan")),
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#resetPassword", "out of scope",
                    s -> s.accounts().resetPassword(accountId(s, "clerk.nujiang"), accountVersion(s, "clerk.nujiang")),
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("AccountService#setEnabled", "in scope",
                    s -> { s.accounts().setEnabled(accountId(s, "clerk.liangshan"), accountVersion(s, "clerk.liangshan"),
                            false, "matrix"); return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#setEnabled", "out of scope",
                    s -> { s.accounts().setEnabled(accountId(s, "clerk.nujiang"), accountVersion(s, "clerk.nujiang"),
                            false, "matrix"); return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("AccountService#unlock", "in scope",
                    s -> { s.accounts().unlock(accountId(s, "clerk.liangshan"), accountVersion(s, "clerk.liangshan"));
                        return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#unlock", "out of scope",
                    s -> { s.accounts().unlock(accountId(s, "clerk.nujiang"), accountVersion(s, "clerk.nujiang"));
                        return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("AccountService#changeRoleAndRegion", "in scope",
                    s -> { s.accounts().changeRoleAndRegion(accountId(s, "clerk.liangshan"),
                            accountVersion(s, "clerk.liangshan"), Role.DATA_ENTRY, "513431", "Zhaojue office");
                        return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#changeRoleAndRegion", "out of scope",
                    s -> { s.accounts().changeRoleAndRegion(accountId(s, "clerk.nujiang"),
                            accountVersion(s, "clerk.nujiang"), Role.DATA_ENTRY, "533301", "Lushui office");
                        return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("AccountService#resetPassword", "an administrator bound to the country",
                    s -> s.accounts().resetPassword(accountId(s, "admin"), accountVersion(s, "admin")),
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("AccountService#setEnabled", "an administrator bound to the country",
                    s -> { s.accounts().setEnabled(accountId(s, "admin"), accountVersion(s, "admin"), false, "matrix");
                        return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("AccountService#changeRoleAndRegion", "moved into another province",
                    s -> { s.accounts().changeRoleAndRegion(accountId(s, "clerk.liangshan"),
                            accountVersion(s, "clerk.liangshan"), Role.DATA_ENTRY, OUT_COUNTY, "Lushui office");
                        return null; },
                    adminOnly(Expect.REFUSED)).national(Expect.ALLOW),
            new Case("AccountService#changeRoleAndRegion", "made an administrator bound to the country",
                    s -> { s.accounts().changeRoleAndRegion(accountId(s, "clerk.liangshan"),
                            accountVersion(s, "clerk.liangshan"), Role.ADMIN, "CN", "Liangshan office");
                        return null; },
                    adminOnly(Expect.REFUSED)).national(Expect.ALLOW),
            new Case("AccountService#changeRoleAndRegion", "made an administrator of the province",
                    s -> { s.accounts().changeRoleAndRegion(accountId(s, "clerk.liangshan"),
                            accountVersion(s, "clerk.liangshan"), Role.ADMIN, "510000", "Liangshan office");
                        return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#endSessions", "in scope",
                    s -> s.accounts().endSessions(accountId(s, "clerk.liangshan")), adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("AccountService#endSessions", "out of scope",
                    s -> s.accounts().endSessions(accountId(s, "clerk.nujiang")), adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            // every user manages their own password
            new Case("AccountService#changeOwnPassword", "own account",
                    s -> { s.accounts().changeOwnPassword(DemoAccounts.PASSWORD, "a long and private phrase 42");
                        return null; },
                    all(Expect.ALLOW)),
            new Case("AccountService#mustChangePassword", "own account", s -> s.accounts().mustChangePassword(),
                    all(Expect.ALLOW)),
            new Case("AccountService#setOwnLocale", "own account",
                    s -> { s.accounts().setOwnLocale("zh-CN"); return null; }, all(Expect.ALLOW)),
            new Case("AccountService#ownLocale", "own account", s -> s.accounts().ownLocale(), all(Expect.ALLOW)),
            // the second factor: everyone for their own account; the policy is the administrators'
            new Case("AccountService#enableTotp", "own account, wrong code", s -> {
                String secret = Totp.newSecret();
                s.accounts().enableTotp(secret, Totp.code(secret, Totp.step(java.time.Instant.now()) + 5));
                return null;
            }, all(Expect.REFUSED)),
            new Case("AccountService#disableTotp", "own account, none set up",
                    s -> { s.accounts().disableTotp("123456"); return null; }, all(Expect.ALLOW)),
            new Case("AccountService#totpEnabled", "own account", s -> s.accounts().totpEnabled(), all(Expect.ALLOW)),
            new Case("AccountService#totpSetupRequired", "own account", s -> s.accounts().totpSetupRequired(),
                    all(Expect.ALLOW)),
            new Case("AccountService#totpRequired", "any role", s -> s.accounts().totpRequired(Role.AUDITOR),
                    all(Expect.ALLOW)),
            new Case("AccountService#setTotpRequired", "a role",
                    s -> { s.accounts().setTotpRequired(Role.AUDITOR, true); return null; }, all(Expect.DENY))
                    .national(Expect.ALLOW),
            // personal API tokens (DD021): everyone their own; administrators those of accounts in their scope
            new Case("ApiTokenService#create", "own account", s -> s.tokens().create("matrix script", 30),
                    all(Expect.ALLOW)),
            new Case("ApiTokenService#own", "own account", s -> s.tokens().own(), all(Expect.ALLOW)),
            new Case("ApiTokenService#revokeOwn", "another account's token",
                    s -> { s.tokens().revokeOwn(otherAccountsToken(s)); return null; }, all(Expect.NOT_FOUND)),
            new Case("ApiTokenService#ofAccount", "in scope", s -> s.tokens().ofAccount(accountId(s, "clerk.liangshan")),
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("ApiTokenService#ofAccount", "out of scope", s -> s.tokens().ofAccount(accountId(s, "clerk.nujiang")),
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("ApiTokenService#revokeAsAdministrator", "out of scope",
                    s -> { s.tokens().revokeAsAdministrator(accountId(s, "clerk.nujiang"), otherAccountsToken(s));
                        return null; }, adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            // only a session that has given its password and waits for its code may complete the sign-in
            new Case("AccountService#completeSecondFactor", "fully signed in",
                    s -> s.accounts().completeSecondFactor("123456"), all(Expect.DENY)),
            // yearly reports: everyone reads in scope, the office enters and submits, the supervisor above reviews
            new Case("ReportService#get", "in scope", s -> s.reports().get(IN_SCOPE, 2018), all(Expect.ALLOW)),
            new Case("ReportService#get", "out of scope", s -> s.reports().get(OUT_OF_SCOPE, 2018),
                    all(Expect.NOT_FOUND)),
            new Case("ReportService#saveDraft", "in scope", s -> s.reports().saveDraft(COUNTY, 2020, 0, ONE_VALUE),
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("ReportService#saveDraft", "out of scope",
                    s -> s.reports().saveDraft(OUT_COUNTY, 2020, 0, ONE_VALUE), only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            new Case("ReportService#importDrafts", "in scope",
                    s -> importDraft(s, COUNTY), only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("ReportService#importDrafts", "out of scope",
                    s -> importDraft(s, OUT_COUNTY), only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            new Case("ReportService#submit", "in scope",
                    s -> s.reports().submit(COUNTY, 2020, report(s, COUNTY, "DRAFT"), null),
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("ReportService#submit", "out of scope",
                    s -> s.reports().submit(OUT_COUNTY, 2020, report(s, OUT_COUNTY, "DRAFT"), null),
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            new Case("ReportService#saveAndSubmit", "in scope",
                    s -> s.reports().saveAndSubmit(COUNTY, 2020, 0, ONE_VALUE, null), only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("ReportService#approve", "below own region",
                    s -> s.reports().approve(COUNTY, 2020, report(s, COUNTY, "SUBMITTED")),
                    only(Role.SUPERVISOR, Expect.ALLOW)),
            new Case("ReportService#approve", "own region",
                    s -> s.reports().approve("510000", 2020, report(s, "510000", "SUBMITTED")), all(Expect.DENY)),
            new Case("ReportService#approve", "out of scope",
                    s -> s.reports().approve(OUT_COUNTY, 2020, report(s, OUT_COUNTY, "SUBMITTED")),
                    only(Role.SUPERVISOR, Expect.NOT_FOUND)),
            new Case("ReportService#returnReport", "below own region",
                    s -> s.reports().returnReport(COUNTY, 2020, report(s, COUNTY, "SUBMITTED"), "check the sources"),
                    only(Role.SUPERVISOR, Expect.ALLOW)),
            new Case("ReportService#reopen", "below own region",
                    s -> s.reports().reopen(COUNTY, 2020, report(s, COUNTY, "APPROVED"), "a correction came in"),
                    only(Role.SUPERVISOR, Expect.ALLOW)),
            new Case("ReportService#comment", "in scope", s -> s.reports().comment(IN_SCOPE, 2018, "please check"),
                    both(Role.DATA_ENTRY, Role.SUPERVISOR, Expect.ALLOW)),
            new Case("ReportService#comment", "out of scope", s -> s.reports().comment(OUT_OF_SCOPE, 2018, "hello"),
                    both(Role.DATA_ENTRY, Role.SUPERVISOR, Expect.NOT_FOUND)),
            new Case("ReportService#setFollowUp", "in scope",
                    s -> s.reports().setFollowUp(IN_SCOPE, 2018, Metric.POVERTY_INCIDENCE, ValueKind.ACTUAL, true),
                    both(Role.DATA_ENTRY, Role.SUPERVISOR, Expect.ALLOW)),
            new Case("ReportService#inbox", "own scope", s -> s.reports().inbox(), all(Expect.ALLOW)),
            new Case("ReportService#inboxCount", "own scope", s -> s.reports().inboxCount(), all(Expect.ALLOW)),
            new Case("BulkReviewService#approveAll", "below own region",
                    s -> s.bulk().approveAll(List.of(new ReportKey(COUNTY, 2020, report(s, COUNTY, "SUBMITTED")))),
                    only(Role.SUPERVISOR, Expect.ALLOW)),
            new Case("BulkReviewService#returnAll", "below own region",
                    s -> s.bulk().returnAll(List.of(new ReportKey(COUNTY, 2020, report(s, COUNTY, "SUBMITTED"))),
                            "incomplete"),
                    only(Role.SUPERVISOR, Expect.ALLOW)),
            new Case("ProgressService#cells", "in scope",
                    s -> s.progress().cells(List.of(1L, 2L), 2013, 2020, Metric.POOR_POPULATION), all(Expect.ALLOW)),
            new Case("ProgressService#completeness", "own scope",
                    s -> s.progress().completeness(2013, 2020, null), all(Expect.ALLOW)),
            // reporting years: everyone sees them, administrators set them
            new Case("ReportingYearService#years", "all", s -> s.years().years(), all(Expect.ALLOW)),
            // opening and closing a year for the whole country is a national setting (DD023)
            new Case("ReportingYearService#setOpen", "the whole country",
                    s -> { s.years().setOpen(2019, yearVersion(s, 2019), true); return null; }, all(Expect.DENY))
                    .national(Expect.ALLOW),
            new Case("ReportingYearService#addYear", "the whole country",
                    s -> { s.years().addYear(2032, true); return null; }, all(Expect.DENY)).national(Expect.ALLOW),
            new Case("ReportingYearService#mayOpenAndClose", "own scope",
                    s -> listed(s.years().mayOpenAndClose()), adminOnly(Expect.NOT_FOUND))
                    .national(Expect.ALLOW),
            new Case("ReportingYearService#exceptions", "own scope", s -> s.years().exceptions(),
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("ReportingYearService#exceptions", "another province's",
                    s -> { exception(s, OUT_OF_SCOPE, 2019);
                        return listed(s.years().exceptions().stream().anyMatch(x -> x.regionCode().equals(OUT_OF_SCOPE))); },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            // exceptions: for regions of the administrator's own scope, the province itself included
            new Case("ReportingYearService#grantException", "in scope",
                    s -> { s.years().grantException(IN_SCOPE, 2019, java.time.LocalDate.now().plusDays(10), "late data",
                            exceptionVersion(s, IN_SCOPE, 2019));
                        return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("ReportingYearService#grantException", "the whole province",
                    s -> { s.years().grantException("510000", 2019, java.time.LocalDate.now().plusDays(10), "late data",
                            exceptionVersion(s, "510000", 2019));
                        return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("ReportingYearService#grantException", "out of scope",
                    s -> { s.years().grantException(OUT_OF_SCOPE, 2019, java.time.LocalDate.now().plusDays(10),
                            "late data", exceptionVersion(s, OUT_OF_SCOPE, 2019)); return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("ReportingYearService#grantException", "the whole country",
                    s -> { s.years().grantException("CN", 2019, java.time.LocalDate.now().plusDays(10),
                            "late data", exceptionVersion(s, "CN", 2019)); return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            new Case("ReportingYearService#endException", "in scope",
                    s -> { s.years().endException(IN_SCOPE, 2019, exception(s, IN_SCOPE, 2019), "data arrived");
                        return null; },
                    adminOnly(Expect.ALLOW)).national(Expect.ALLOW),
            new Case("ReportingYearService#endException", "out of scope",
                    s -> { s.years().endException(OUT_OF_SCOPE, 2019, exception(s, OUT_OF_SCOPE, 2019), "data arrived");
                        return null; },
                    adminOnly(Expect.NOT_FOUND)).national(Expect.ALLOW),
            // the roster of officials dispatched: everyone reads in scope, local offices record in scope
            new Case("DispatchService#find", "in scope",
                    s -> s.roster().find(new org.tuopin.dispatch.PostingFilter(IN_SCOPE, null, null, null, null),
                            List.of(), 0, 10), all(Expect.ALLOW)),
            new Case("DispatchService#find", "out of scope",
                    s -> s.roster().find(new org.tuopin.dispatch.PostingFilter(OUT_OF_SCOPE, null, null, null, null),
                            List.of(), 0, 10), all(Expect.NOT_FOUND)),
            new Case("DispatchService#count", "own scope",
                    s -> s.roster().count(org.tuopin.dispatch.PostingFilter.none()), all(Expect.ALLOW)),
            new Case("DispatchService#totals", "own scope",
                    s -> s.roster().totals(org.tuopin.dispatch.PostingFilter.none()), all(Expect.ALLOW)),
            new Case("DispatchService#stream", "out of scope",
                    s -> s.roster().stream(new org.tuopin.dispatch.PostingFilter(OUT_OF_SCOPE, null, null, null, null),
                            r -> { }), all(Expect.NOT_FOUND)),
            new Case("DispatchService#get", "in scope", s -> s.roster().get(posting(s, COUNTY)), all(Expect.ALLOW)),
            new Case("DispatchService#get", "out of scope", s -> s.roster().get(posting(s, OUT_COUNTY)),
                    all(Expect.NOT_FOUND)),
            new Case("DispatchService#create", "in scope", s -> s.roster().create(postingInput(COUNTY)),
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("DispatchService#create", "out of scope", s -> s.roster().create(postingInput(OUT_COUNTY)),
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            new Case("DispatchService#update", "in scope",
                    s -> s.roster().update(posting(s, COUNTY), 0, postingInput(COUNTY)),
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("DispatchService#update", "out of scope",
                    s -> s.roster().update(posting(s, OUT_COUNTY), 0, postingInput(COUNTY)),
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            // withdrawing a record entered by mistake: local offices only, in scope, like update (DD018)
            new Case("DispatchService#withdraw", "in scope",
                    s -> { s.roster().withdraw(posting(s, COUNTY), 0, "entered by mistake"); return null; },
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("DispatchService#withdraw", "out of scope",
                    s -> { s.roster().withdraw(posting(s, OUT_COUNTY), 0, "entered by mistake"); return null; },
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            new Case("PairingService#withdraw", "in scope",
                    s -> { s.pairings().withdraw(pairing(s, IN_SCOPE), 0, "entered by mistake"); return null; },
                    only(Role.DATA_ENTRY, Expect.ALLOW)),
            new Case("PairingService#withdraw", "out of scope",
                    s -> { s.pairings().withdraw(pairing(s, OUT_OF_SCOPE), 0, "entered by mistake"); return null; },
                    only(Role.DATA_ENTRY, Expect.NOT_FOUND)),
            // keyset pages of the grids (DD013): read in scope like find, a region outside it is "not found"
            new Case("DispatchService#page", "in scope",
                    s -> s.roster().page(new org.tuopin.dispatch.PostingFilter(IN_SCOPE, null, null, null, null),
                            List.of(), null, 0, 10), all(Expect.ALLOW)),
            new Case("DispatchService#page", "out of scope",
                    s -> s.roster().page(new org.tuopin.dispatch.PostingFilter(OUT_OF_SCOPE, null, null, null, null),
                            List.of(), null, 0, 10), all(Expect.NOT_FOUND)),
            new Case("PairingService#page", "in scope",
                    s -> s.pairings().page(new PairingFilter(IN_SCOPE, null, 2019), List.of(), null, 0, 10),
                    all(Expect.ALLOW)),
            new Case("PairingService#page", "out of scope",
                    s -> s.pairings().page(new PairingFilter(OUT_OF_SCOPE, null, null), List.of(), null, 0, 10),
                    all(Expect.NOT_FOUND)),
            new Case("FigureQueryService#page", "in scope",
                    s -> s.figures().page(new FigureFilter(null, IN_SCOPE, null), List.of(), null, 0, 10),
                    all(Expect.ALLOW)),
            new Case("FigureQueryService#page", "out of scope",
                    s -> s.figures().page(new FigureFilter(null, OUT_OF_SCOPE, null), List.of(), null, 0, 10),
                    all(Expect.NOT_FOUND)),
            new Case("RegionService#withChildren", "tree rows",
                    s -> s.regions().withChildren(s.regions().children(null, 0, 10), null), all(Expect.ALLOW)));

    /** What was looked for is listed, or "not found" as it reads to the caller. */
    static Object listed(boolean found) {
        if (!found) {
            throw new NotFoundException("not listed");
        }
        return null;
    }

    static long regionVersion(Services s, String code) {
        return s.jdbc().sql("select version from region where code = :c").param("c", code).query(Long.class).single();
    }

    static long yearVersion(Services s, int year) {
        return s.jdbc().sql("select version from reporting_year where year = :y").param("y", year)
                .query(Long.class).single();
    }

    /** The version of the region's exception for the year, 0 when it has none. */
    static long exceptionVersion(Services s, String code, int year) {
        return s.jdbc().sql("""
                        select coalesce((select e.version from reporting_year_exception e join region r on r.id = e.region_id
                                         where r.code = :c and e.year = :y), 0)""")
                .param("c", code).param("y", year).query(Long.class).single();
    }

    /** An exception for the region and year (inside the case's rolled-back transaction); returns its version. */
    static long exception(Services s, String code, int year) {
        return s.jdbc().sql("""
                        insert into reporting_year_exception(year, region_id, until, reason, granted_by)
                        select :y, id, current_date + 10, 'matrix', 'matrix' from region where code = :c
                        on conflict (year, region_id) do update set until = excluded.until
                        returning version""")
                .param("c", code).param("y", year).query(Long.class).single();
    }

    /** A posting in the county (inside the case's rolled-back transaction); returns its id. */
    static long posting(Services s, String county) {
        return s.jdbc().sql("""
                        insert into official_posting(official_no, name, rank, sending_organisation, role, region_id,
                                                     region_path, start_date, created_by, updated_by)
                        select 'MATRIX-1', 'Matrix', 'OTHER', 'Matrix office', 'TECHNICAL_TALENT', id, path,
                               date '2019-01-01', 'matrix', 'matrix' from region where code = :code
                        returning id""")
                .param("code", county).query(Long.class).single();
    }

    static org.tuopin.dispatch.PostingInput postingInput(String county) {
        return new org.tuopin.dispatch.PostingInput("MATRIX-2", "Matrix", org.tuopin.dispatch.OfficialRank.OTHER,
                "Matrix office", org.tuopin.dispatch.DispatchRole.FIRST_SECRETARY, county, null,
                java.time.LocalDate.of(2019, 1, 1), null, false, null);
    }

    /** Puts a 2020 report of the region in the given state (inside the case's rolled-back transaction). */
    static long report(Services s, String code, String state) {
        return s.jdbc().sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by)
                        values ((select id from region where code = :code), 2020, :state, 'matrix', 'matrix')
                        returning version""")
                .param("code", code).param("state", state).query(Long.class).single();
    }

    /** A pairing record received by the region (inside the case's rolled-back transaction); its version is 0. */
    static long pairing(Services s, String recipient) {
        return s.jdbc().sql("""
                        insert into pairing(donor, donor_type, recipient_region_id, recipient_path, year, source)
                        select 'Matrix donor', 'CENTRAL_UNIT', id, path, 2019, 'matrix' from region
                        where code = :code returning id""")
                .param("code", recipient).query(Long.class).single();
    }

    static PairingInput pairingInput(String recipient) {
        return new PairingInput("Matrix partner", DonorType.CENTRAL_UNIT, recipient, 2019,
                new java.math.BigDecimal("1000000"), new java.math.BigDecimal("900000"), 2, 300L, "matrix source", null);
    }

    /** One report through the bulk import; its refusal is thrown, as saveDraft would throw it. */
    static Object importDraft(Services s, String region) {
        RuntimeException refused = s.reports().importDrafts(List.of(new ReportModels.DraftImport(region, 2020,
                ONE_VALUE))).getFirst();
        if (refused != null) {
            throw refused;
        }
        return region;
    }

    static byte[] importFile(String region, int year) {
        return ("region_code,year,metric,value,unit,kind,source,note\n" + region + "," + year
                + ",people_relocated,1200,persons,actual,county office,\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<Role, Expect> only(Role role, Expect forThatRole) {
        Map<Role, Expect> m = all(Expect.DENY);
        m.put(role, forThatRole);
        return m;
    }

    static Map<Role, Expect> both(Role a, Role b, Expect forThem) {
        Map<Role, Expect> m = all(Expect.DENY);
        m.put(a, forThem);
        m.put(b, forThem);
        return m;
    }

    /** Public service methods that are deliberately open to every caller inside the application. */
    static final Set<String> INTERNAL = Set.of(
            // the audit checkpoints' own timer and the verification's reading of them (DD025); no record data
            "AuditCheckpoints#write", "AuditCheckpoints#latest", "AuditCheckpoints#signatureVerifies",
            "AuditCheckpoints#publicKeyPem", "AuditCheckpoints#fingerprint",
            // appends audit entries for other services, also for sign-in failures before anyone is signed in
            "AuditTrail#record",
            // the same for refused attempts, written after the refused transaction has rolled back
            "AuditTrail#recordRefused", "AuditTrail#recordStaleRefusal",
            // the same for many entries at once (an import's reports)
            "AuditTrail#recordAll",
            // pure functions of their arguments (the chain's hash and JSON), for the synthetic data generator
            "AuditTrail#chainHash", "AuditTrail#changesJson");

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    FigureQueryService figures;
    @Autowired
    RegionService regions;
    @Autowired
    DashboardService dashboard;
    @Autowired
    AccountService accounts;
    @Autowired
    AuditVerification verification;
    @Autowired
    ReportService reports;
    @Autowired
    BulkReviewService bulk;
    @Autowired
    ProgressService progress;
    @Autowired
    ReportingYearService years;
    @Autowired
    org.tuopin.audit.AuditQueryService audit;
    @Autowired
    org.tuopin.base.export.ExportService exports;
    @Autowired
    org.tuopin.dispatch.DispatchCountService dispatches;
    @Autowired
    org.tuopin.pairing.PairingService pairings;
    @Autowired
    FigureImportService imports;
    @Autowired
    org.tuopin.dashboard.RegionPageService regionPages;
    @Autowired
    org.tuopin.dispatch.DispatchService roster;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    org.tuopin.audit.AuditCheckpoints checkpoints;

    @BeforeAll
    void createPlayersBoundToSichuan() {
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        for (var player : List.of(Map.entry("matrix.admin", Role.ADMIN), Map.entry("matrix.clerk", Role.DATA_ENTRY),
                Map.entry("matrix.auditor", Role.AUDITOR))) {
            jdbc.sql("""
                            insert into account(username, display_name, password_hash, role, region_id)
                            values (:u, :u, :h, :r, (select id from region where code = '510000'))
                            on conflict (username) do nothing""")
                    .param("u", player.getKey()).param("h", hash).param("r", player.getValue().name()).update();
        }
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values (:u, :u, :h, 'ADMIN', (select id from region where code = 'CN'))
                        on conflict (username) do nothing""")
                .param("u", NATIONAL_ADMIN).param("h", hash).update();
    }

    @AfterAll
    void removePlayers() {
        jdbc.sql("delete from account where username like 'matrix.%'").update();
    }

    Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (Case c : CASES) {
            for (Role role : Role.values()) {
                args.add(Arguments.of(c.method() + " (" + c.call() + ")", role, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void theOutcomeMatchesTheTable(String name, Role role, Case c) {
        assertOutcome(name, PLAYERS.get(role), c.expected().get(role), c);
    }

    Stream<Arguments> nationalCases() {
        return CASES.stream().filter(c -> c.national() != null)
                .map(c -> Arguments.of(c.method() + " (" + c.call() + ")", c));
    }

    @ParameterizedTest(name = "{0} as the national administrator")
    @MethodSource("nationalCases")
    void theNationalAdministratorsOutcomeMatchesTheTable(String name, Case c) {
        assertOutcome(name, NATIONAL_ADMIN, c.national(), c);
    }

    /**
     * Every administrative action (a service method for administrators) is tried by an administrator bound to the
     * country as well as by the one bound to Sichuan, so that what belongs to the country and what to a province is
     * decided for each (DD023).
     */
    @Test
    void everyAdministrativeActionIsTriedByBothAdministrators() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Service.class));
        Set<String> administrative = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.tuopin")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            for (Method m : type.getDeclaredMethods()) {
                var rule = m.getAnnotation(org.springframework.security.access.prepost.PreAuthorize.class);
                if (Modifier.isPublic(m.getModifiers()) && rule != null && rule.value().contains("'ADMIN'")) {
                    administrative.add(type.getSimpleName() + "#" + m.getName());
                }
            }
        }
        Set<String> triedNationally = new TreeSet<>();
        CASES.stream().filter(c -> c.national() != null).forEach(c -> triedNationally.add(c.method()));
        assertThat(administrative).as("administrative actions").isNotEmpty();
        assertThat(triedNationally).as("administrative actions without a case for the national administrator")
                .containsAll(administrative);
    }

    private void assertOutcome(String name, String username, Expect expected, Case c) {
        Services services = new Services(figures, regions, dashboard, accounts, verification, reports, bulk, progress,
                years, audit, exports, dispatches, pairings, jdbc, imports, regionPages, roster, tokens, checkpoints);
        UserDetails player = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(player, null, player.getAuthorities()));
        try {
            Expect actual = transactions.execute(status -> {
                status.setRollbackOnly(); // whatever the call changes is undone
                try {
                    c.invocation().apply(services);
                    return Expect.ALLOW;
                } catch (AccessDeniedException e) {
                    return Expect.DENY;
                } catch (NotFoundException e) {
                    return Expect.NOT_FOUND;
                } catch (UserError | ReportLocked | RuleViolation e) {
                    return Expect.REFUSED;
                }
            });
            assertThat(actual).as("%s as %s", name, username).isEqualTo(expected);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void everyPublicServiceMethodIsInTheMatrix() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Service.class));
        Set<String> discovered = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.tuopin")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    discovered.add(type.getSimpleName() + "#" + m.getName());
                }
            }
        }
        Set<String> covered = new TreeSet<>(INTERNAL);
        CASES.forEach(c -> covered.add(c.method()));
        assertThat(discovered).as("public service methods missing from the access matrix")
                .isSubsetOf(covered);
        assertThat(Arrays.stream(Role.values())).allSatisfy(r -> assertThat(PLAYERS).containsKey(r));
    }
}
