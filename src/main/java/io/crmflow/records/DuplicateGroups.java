package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns likely-duplicate pairs into groups (connected components), ranked by confidence. A pair matching on several
 * keys is surer than on one: the confidences combine as independent evidence, {@code 1 - Π(1 - c)}.
 */
public final class DuplicateGroups {

    /** Two records that look alike for one reason, with the confidence (0..1) that reason gives. */
    public record Pair(UUID a, UUID b, String reason, double confidence) {}

    /** A group of likely duplicates: record ids (oldest first as given), confidence 0..1 and the reasons. */
    public record Group(List<UUID> ids, double confidence, List<String> reasons) {}

    private DuplicateGroups() {}

    /** Groups pairs; a group's confidence is the highest of its pairs' combined confidences. */
    public static List<Group> of(List<Pair> pairs) {
        var parent = new HashMap<UUID, UUID>();
        var perPair = new LinkedHashMap<List<UUID>, List<Pair>>();
        for (var p : pairs) {
            union(parent, p.a(), p.b());
            perPair.computeIfAbsent(List.of(p.a(), p.b()), k -> new ArrayList<>())
                    .add(p);
        }
        var members = new LinkedHashMap<UUID, TreeSet<UUID>>();
        var confidence = new HashMap<UUID, Double>();
        var reasons = new HashMap<UUID, TreeSet<String>>();
        perPair.forEach((ids, evidence) -> {
            UUID root = find(parent, ids.get(0));
            members.computeIfAbsent(root, k -> new TreeSet<>()).addAll(ids);
            double doubt = 1;
            for (var p : evidence) {
                doubt *= 1 - p.confidence();
                reasons.computeIfAbsent(root, k -> new TreeSet<>()).add(p.reason());
            }
            confidence.merge(root, Math.min(0.99, 1 - doubt), Math::max);
        });
        var groups = new ArrayList<Group>();
        members.forEach((root, ids) -> groups.add(new Group(
                List.copyOf(ids), Math.round(confidence.get(root) * 100) / 100.0, List.copyOf(reasons.get(root)))));
        groups.sort(Comparator.comparingDouble(Group::confidence)
                .reversed()
                .thenComparing(g -> g.ids().getFirst()));
        return groups;
    }

    /** One page of groups from an offset cursor (a plain number as text). */
    public static int offset(@org.jspecify.annotations.Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API gave out");
        }
    }

    private static UUID find(Map<UUID, UUID> parent, UUID x) {
        UUID root = x;
        while (parent.containsKey(root) && !parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(x, root);
        return root;
    }

    private static void union(Map<UUID, UUID> parent, UUID a, UUID b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        UUID ra = find(parent, a);
        UUID rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
