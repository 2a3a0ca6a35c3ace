package io.crmflow.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * Told synchronously, inside the transaction of the change, when a workspace's members or invitations change; a
 * listener may write rows that commit (or roll back) with it. The current tenant is the workspace concerned.
 */
public sealed interface MemberEvent {

    /** Someone joined the workspace. */
    record MemberCreated(UUID userId, String email, String name, Role role) implements MemberEvent {}

    /** A member's role changed. */
    record MemberUpdated(UUID userId, String email, String name, Role role, Role previousRole) implements MemberEvent {}

    /** A member was removed. */
    record MemberDeleted(UUID userId, String email, String name, Role role) implements MemberEvent {}

    /** Someone was invited. */
    record InvitationCreated(UUID id, String email, Role role, Instant expiresAt) implements MemberEvent {}
}
