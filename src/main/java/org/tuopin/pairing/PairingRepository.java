package org.tuopin.pairing;

import org.springframework.data.jpa.repository.JpaRepository;

/** Writes only; every read, with its scope condition, is SQL in {@link PairingService}. */
interface PairingRepository extends JpaRepository<PairingAssistance, Long> {
}
