/** Who people are and where they work: users, workspaces, memberships with roles, invitations and sign-in. */
@org.jspecify.annotations.NullMarked
package io.crmflow.identity;
