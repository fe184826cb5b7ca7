/**
 * {@link io.dtm.server.store.TransStore} on Spring Data JPA / Hibernate over dtm's SQL
 * schema ({@code trans_global}, {@code trans_branch_op}, {@code kv}); Flyway owns the
 * schema.
 */
package io.dtm.server.store.jpa;
