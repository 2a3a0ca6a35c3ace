package io.crmflow.notifications.web;

import io.crmflow.notifications.Notifications;
import io.crmflow.platform.tenancy.Tenancy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page of a signed-in user in a workspace the header's notification badge (counted lazily). */
@ControllerAdvice(annotations = Controller.class)
class UnreadBadgeAdvice {

    private final Notifications notifications;

    UnreadBadgeAdvice(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("notificationBadge")
    @Nullable
    UnreadBadge badge() {
        var scope = Tenancy.current();
        return scope.tenantId() == null || scope.userId() == null ? null : new UnreadBadge(notifications);
    }
}
