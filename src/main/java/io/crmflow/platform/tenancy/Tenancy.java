package io.crmflow.platform.tenancy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant context. A transaction's tenant comes from the signed-in principal's current workspace; jobs and
 * listeners name it with {@link #callAs}. {@link TenantAwareTransactionManager} applies it with
 * {@code set_config('app.tenant_id', ?, true)} when the transaction starts, so it can never outlive the
 * transaction on a pooled connection.
 */
@Component
public class Tenancy {

    private static final ThreadLocal<Scope> OVERRIDE = new ThreadLocal<>();

    private final DataSource dataSource;

    Tenancy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Tenant and user a transaction runs as; either may be null (then nothing tenant-scoped is visible). */
    public record Scope(@Nullable UUID tenantId, @Nullable UUID userId) {}

    /** Runs work whose transactions act for the given workspace (jobs, listeners, sign-in bookkeeping). */
    public static <T> T callAs(@Nullable UUID tenantId, @Nullable UUID userId, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "callAs must start outside a transaction: the tenant is set when one begins");
        }
        Scope previous = OVERRIDE.get();
        OVERRIDE.set(new Scope(tenantId, userId));
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void runAs(@Nullable UUID tenantId, @Nullable UUID userId, Runnable work) {
        callAs(tenantId, userId, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Moves the current transaction into a workspace it has just created or been granted (sign-up, accepting an
     * invitation). Lasts until the transaction ends.
     */
    public void enter(UUID tenantId, @Nullable UUID userId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("enter needs a transaction");
        }
        Scope previous = OVERRIDE.get();
        Scope scope = new Scope(tenantId, userId);
        TenantAwareTransactionManager.apply(DataSourceUtils.getConnection(dataSource), scope);
        OVERRIDE.set(scope);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                restore(previous);
            }
        });
    }

    /** The scope a transaction starting now would run as. */
    public static Scope current() {
        Scope override = OVERRIDE.get();
        if (override != null) {
            return override;
        }
        return principal().map(p -> new Scope(p.workspaceId(), p.userId())).orElse(new Scope(null, null));
    }

    /** The current workspace, if there is one. */
    public static Optional<UUID> currentTenant() {
        return Optional.ofNullable(current().tenantId());
    }

    private static Optional<TenantPrincipal> principal() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantPrincipal principal) {
            return Optional.of(principal);
        }
        return Optional.empty();
    }

    private static void restore(@Nullable Scope previous) {
        if (previous == null) {
            OVERRIDE.remove();
        } else {
            OVERRIDE.set(previous);
        }
    }
}
