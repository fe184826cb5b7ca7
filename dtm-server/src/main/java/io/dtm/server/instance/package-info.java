/**
 * Who this coordinator instance is among those sharing the store: its id, the lease owner
 * tokens it stamps, and the heartbeat that keeps its record in the instance registry.
 */
package io.dtm.server.instance;
