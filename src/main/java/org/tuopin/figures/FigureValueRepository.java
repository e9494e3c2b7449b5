package org.tuopin.figures;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface FigureValueRepository extends JpaRepository<FigureValue, Long> {

    List<FigureValue> findByReportIdOrderByMetricAscKindAsc(long reportId);
}
