/**
 * The coordinator's operations behind the HTTP API: validation, creation of transactions
 * and their branches, submit/abort/query, and the exceptions the API maps to HTTP.
 */
package io.dtm.server.service;
