package io.crmflow.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The global workspaces table: the tenants themselves. */
@Repository
class WorkspaceRepository {

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String name, String slug, Instant now) {
        jdbc.sql("insert into workspaces (id, name, slug, created_at) values (?, ?, ?, ?)")
                .params(id, name, slug, Timestamp.from(now))
                .update();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists (select 1 from workspaces where slug = ?)")
                .param(slug)
                .query(Boolean.class)
                .single();
    }

    Optional<Views.WorkspaceView> findById(UUID id) {
        return jdbc.sql("select id, name, slug, plan, require_two_factor from workspaces where id = ?")
                .param(id)
                .query(Views.WorkspaceView.class)
                .optional();
    }

    boolean qrSignInEnabled(UUID id) {
        return jdbc.sql("select qr_sign_in_enabled from workspaces where id = ?")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    void setQrSignIn(UUID id, boolean enabled) {
        jdbc.sql("update workspaces set qr_sign_in_enabled = ? where id = ?")
                .params(enabled, id)
                .update();
    }

    void rename(UUID id, String name) {
        jdbc.sql("update workspaces set name = ? where id = ?").params(name, id).update();
    }

    void requireTwoFactor(UUID id, boolean required) {
        jdbc.sql("update workspaces set require_two_factor = ? where id = ?")
                .params(required, id)
                .update();
    }
}
