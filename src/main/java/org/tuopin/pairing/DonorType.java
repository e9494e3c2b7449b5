package org.tuopin.pairing;

/**
 * Who gives the assistance. {@link #ENTERPRISE} is an enterprise whose ownership the source does not state;
 * state-owned and private enterprises have their own types (docs/design-decisions/DD008-pairings.md).
 */
public enum DonorType {
    EAST_WEST_PROVINCE, CENTRAL_UNIT, STATE_OWNED_ENTERPRISE, PRIVATE_ENTERPRISE, ENTERPRISE, SOCIAL_ORGANISATION,
    MILITARY;

    /** The translation key of the type's name. */
    public String messageKey() {
        return "pairing.donorType." + name();
    }
}
