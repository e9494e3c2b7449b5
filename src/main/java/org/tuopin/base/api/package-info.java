/**
 * What every REST endpoint shares: errors answered as JSON with English messages, strict parameter binding, and a
 * JSON 404/405 for paths no endpoint serves. Modules use {@link org.tuopin.base.api.ApiErrors#english} for their own
 * messages.
 */
@NamedInterface("api")
package org.tuopin.base.api;

import org.springframework.modulith.NamedInterface;
