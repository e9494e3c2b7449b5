package org.tuopin.dispatch;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Writes only; reads for grids and exports are SQL in {@link DispatchService} (DD003). */
interface OfficialPostingRepository extends JpaRepository<OfficialPosting, Long> {

    /** The posting, locked, when it lies in the scope; otherwise nothing, as if it did not exist. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from OfficialPosting p where p.id = :id and p.regionPath like concat(:scopePath, '%')")
    Optional<OfficialPosting> findForUpdateInScope(@Param("id") long id, @Param("scopePath") String scopePath);
}
