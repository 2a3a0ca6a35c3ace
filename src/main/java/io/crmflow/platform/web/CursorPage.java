package io.crmflow.platform.web;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: {@code {"data": [...], "nextCursor": "..."}}. {@code nextCursor} is null on the last page.
 */
public record CursorPage<T>(List<T> data, @Nullable String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that another page exists.
     */
    public static <T> CursorPage<T> of(List<T> rowsPlusOne, int limit, Function<T, Cursor> cursorOf) {
        if (rowsPlusOne.size() <= limit) {
            return new CursorPage<>(List.copyOf(rowsPlusOne), null);
        }
        List<T> page = List.copyOf(rowsPlusOne.subList(0, limit));
        return new CursorPage<>(page, cursorOf.apply(page.getLast()).encode());
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(data.stream().map(mapper).toList(), nextCursor);
    }
}
