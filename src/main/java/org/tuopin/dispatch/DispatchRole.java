package org.tuopin.dispatch;

/** What an official was sent to do; the same codes as the published counts ({@code dispatch_count.role}). */
public enum DispatchRole {
    FIRST_SECRETARY, VILLAGE_WORK_TEAM, COMPREHENSIVE_ASSISTANCE_TEAM, TEMPORARY_POST, TECHNICAL_TALENT;

    public String messageKey() {
        return "dispatch.role." + name();
    }
}
