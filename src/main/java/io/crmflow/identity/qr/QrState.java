package io.crmflow.identity.qr;

/** PENDING → SCANNED → APPROVED → CONSUMED, or DENIED; a session past its expiry is EXPIRED whatever it says. */
public enum QrState {
    PENDING,
    SCANNED,
    APPROVED,
    CONSUMED,
    DENIED,
    EXPIRED
}
