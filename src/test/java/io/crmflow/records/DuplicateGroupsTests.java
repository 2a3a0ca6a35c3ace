package io.crmflow.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.records.DuplicateGroups.Pair;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DuplicateGroupsTests {

    final UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    final UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    final UUID c = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    final UUID d = UUID.fromString("00000000-0000-0000-0000-00000000000d");
    final UUID e = UUID.fromString("00000000-0000-0000-0000-00000000000e");

    @Test
    void pairsSharingARecordFormOneGroupAndSeveralReasonsRaiseTheConfidence() {
        var groups = DuplicateGroups.of(List.of(
                new Pair(a, b, "same phone", 0.8),
                new Pair(b, c, "same email", 0.95),
                new Pair(d, e, "same phone", 0.8),
                new Pair(d, e, "similar name at the same company", 0.7)));
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).ids()).containsExactly(a, b, c);
        assertThat(groups.get(0).confidence()).isEqualTo(0.95);
        assertThat(groups.get(0).reasons()).containsExactly("same email", "same phone");
        assertThat(groups.get(1).ids()).containsExactly(d, e);
        assertThat(groups.get(1).confidence()).as("1 - 0.2 * 0.3").isEqualTo(0.94);
        assertThat(groups.get(1).reasons()).containsExactly("same phone", "similar name at the same company");
    }

    @Test
    void confidenceStaysBelowCertainty() {
        var groups = DuplicateGroups.of(
                List.of(new Pair(a, b, "same email", 0.95), new Pair(a, b, "same external id", 0.9)));
        assertThat(groups.getFirst().confidence()).isEqualTo(0.99);
    }
}
