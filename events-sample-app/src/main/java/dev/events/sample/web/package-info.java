/**
 * Web concerns: the tenant context of requests and clear answers to bad ones.
 */
@NullMarked
package dev.events.sample.web;

import org.jspecify.annotations.NullMarked;
