package org.tuopin.figures;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface YearlyReportRepository extends JpaRepository<YearlyReport, Long> {

    /** Locks the row: concurrent transitions of one report queue up and the second sees the first's result. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from YearlyReport r where r.regionId = :regionId and r.year = :year")
    Optional<YearlyReport> findForUpdate(@Param("regionId") long regionId, @Param("year") int year);

    Optional<YearlyReport> findByRegionIdAndYear(long regionId, int year);
}
