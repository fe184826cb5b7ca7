/**
 * Auto-configuration of the DTM participant starter.
 */
package io.dtm.autoconfigure;
