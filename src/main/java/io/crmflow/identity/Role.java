package io.crmflow.identity;

/** A member's role in one workspace, from most to least powerful. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER;

    /** May create, change and delete workspace data. VIEWER never writes. */
    public boolean canWrite() {
        return this != VIEWER;
    }

    /** May invite, re-role and remove members. */
    public boolean canManageMembers() {
        return this == OWNER || this == ADMIN;
    }

    /** Spring Security authority name, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
