/**
 * Spring MVC support for branch handlers.
 */
package io.dtm.client.web;
