/**
 * {@link io.dtm.server.store.TransStore} on Redis (Spring Data Redis with Lettuce), using
 * dtm's key layout and one Lua script per atomic store operation, plus the D1002
 * diagnosis of Redis connection and configuration errors.
 */
package io.dtm.server.store.redis;
