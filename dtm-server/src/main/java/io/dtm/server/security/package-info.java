/**
 * Who may call dtm's API and read Actuator: bearer tokens stored as SHA-256 hashes,
 * client networks, operator-only calls, for HTTP and gRPC alike. The console's login is
 * configured next to it ({@code io.dtm.server.console}); the branch URL guard lives with
 * the calls it guards ({@code io.dtm.server.engine.BranchUrlGuard}).
 */
package io.dtm.server.security;
