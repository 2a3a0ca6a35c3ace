package io.crmflow.records;

import java.util.Map;
import java.util.UUID;

/**
 * Published in the transaction of a change to a contact or company: {@code type} is the webhook event type
 * ({@code contact.created}, {@code company.merged}, …), {@code data} the record as the API shows it.
 */
public record RecordChanged(String type, UUID id, Map<String, Object> data) {}
