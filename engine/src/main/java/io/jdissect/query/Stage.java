package io.jdissect.query;

import java.util.List;

/** What happens to the matching rows after the filter: {@code | count by f}, {@code | limit n}, ... */
public sealed interface Stage permits Stage.Count, Stage.Limit, Stage.Fields, Stage.Sort {
    record Count(List<String> by) implements Stage {
        public Count { by = List.copyOf(by); }
    }

    record Limit(long n) implements Stage { }

    record Fields(List<String> ids) implements Stage {
        public Fields { ids = List.copyOf(ids); }
    }

    record Sort(String field, boolean descending) implements Stage { }
}
