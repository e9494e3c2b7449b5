package org.tuopin.region;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RegionGroupRepository extends JpaRepository<RegionGroup, Long> {

    /** A group is in scope when every one of its members is. */
    @Query(value = """
            select g.* from region_group g
            where not exists (select 1 from region_group_member m join region r on r.id = m.region_id
                              where m.group_id = g.id and r.path not like :scopePath || '%')
            order by g.code""", nativeQuery = true)
    List<RegionGroup> findAllInScope(@Param("scopePath") String scopePath);
}
