package io.crmflow.contacts.web;

import io.crmflow.companies.Companies;
import io.crmflow.identity.Members;
import io.crmflow.identity.Views;
import io.crmflow.platform.web.ApiProblem;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Names for the ids a contact page shows: members (owners) and companies. */
@Component
class Lookups {

    private final Members members;
    private final Companies companies;

    Lookups(Members members, Companies companies) {
        this.members = members;
        this.companies = companies;
    }

    List<Views.MemberView> members() {
        return members.list(null, 200).data();
    }

    Map<UUID, String> memberNames() {
        var out = new LinkedHashMap<UUID, String>();
        members().forEach(m -> out.put(m.userId(), m.name()));
        return out;
    }

    /** The names of the visible companies among {@code ids} (at most one page of a list). */
    Map<UUID, String> companyNames(Collection<UUID> ids) {
        var out = new LinkedHashMap<UUID, String>();
        ids.stream().filter(Objects::nonNull).distinct().forEach(id -> {
            try {
                out.put(id, companies.get(id).name());
            } catch (ApiProblem hidden) {
                // deleted or not visible to the caller: shown without a name
            }
        });
        return out;
    }
}
