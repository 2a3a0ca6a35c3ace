package io.crmflow.support;

/** Shared test credentials. */
public final class Users {

    public static final String PASSWORD = "correct horse battery staple";

    private Users() {}
}
