package org.tuopin.region;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Every query takes the caller's scope path: "this region and everything below it" is one indexed
 * prefix match on the materialised path.
 */
interface RegionRepository extends JpaRepository<Region, Long> {

    /** Locks the region's row for an edit, so that a second editor waits and then meets the new version. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Region r where r.code = :code")
    Optional<Region> lockByCode(@Param("code") String code);


    Optional<Region> findByCode(String code);

    @Query("select r from Region r where r.code = :code and r.path like concat(:scopePath, '%')")
    Optional<Region> findByCodeInScope(@Param("code") String code, @Param("scopePath") String scopePath);

    /** Children in scope; with a designation, only those that have it themselves or somewhere below them. */
    String CHILDREN = """
            from region r where r.parent_id = :parentId and r.path like :scopePath || '%'
              and (:designation = '' or exists (select 1 from region d where d.path like r.path || '%'
                                                 and d.designation = :designation))""";

    @Query(value = "select * " + CHILDREN + " order by r.code limit :limit offset :offset", nativeQuery = true)
    List<Region> findChildrenInScope(@Param("parentId") long parentId, @Param("scopePath") String scopePath,
                                     @Param("designation") String designation,
                                     @Param("offset") int offset, @Param("limit") int limit);

    @Query(value = "select count(*) " + CHILDREN, nativeQuery = true)
    int countChildrenInScope(@Param("parentId") long parentId, @Param("scopePath") String scopePath,
                             @Param("designation") String designation);

    /** Of the given regions, those with at least one child in scope (under the designation rule above). */
    @Query(value = """
            select distinct r.parent_id from region r where r.parent_id in (:parentIds) and r.path like :scopePath || '%'
              and (:designation = '' or exists (select 1 from region d where d.path like r.path || '%'
                                                 and d.designation = :designation))""", nativeQuery = true)
    List<Long> findParentsWithChildrenInScope(@Param("parentIds") java.util.Collection<Long> parentIds,
                                              @Param("scopePath") String scopePath,
                                              @Param("designation") String designation);

    String SEARCH = """
            from region r where r.path like :scopePath || '%'
              and (:text = '' or lower(r.code) like '%' || :text || '%' or lower(r.name_en) like '%' || :text || '%'
                   or r.name_zh like '%' || :text || '%')""";

    @Query(value = "select * " + SEARCH + " order by r.path limit :limit offset :offset", nativeQuery = true)
    List<Region> searchInScope(@Param("scopePath") String scopePath, @Param("text") String text,
                               @Param("offset") int offset, @Param("limit") int limit);

    @Query(value = "select count(*) " + SEARCH, nativeQuery = true)
    int countSearchInScope(@Param("scopePath") String scopePath, @Param("text") String text);
}
