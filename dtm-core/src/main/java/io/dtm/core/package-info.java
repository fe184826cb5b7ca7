/**
 * Framework-free DTM wire model shared by the coordinator and the participant starter:
 * status and type enums with their wire strings, request and response records, and the
 * rules that turn a branch reply into an outcome.
 */
package io.dtm.core;
