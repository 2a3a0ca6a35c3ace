/** QR sign-in: a signed-in phone approves a desktop's sign-in by scanning the QR code on its sign-in page. */
@org.jspecify.annotations.NullMarked
package io.crmflow.identity.qr;
