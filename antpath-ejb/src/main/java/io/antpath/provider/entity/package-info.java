/** The journal of provider-side resources a run creates, written before each create call. */
package io.antpath.provider.entity;
