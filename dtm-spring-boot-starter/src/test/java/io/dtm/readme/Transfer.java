package io.dtm.readme;

/**
 * The payload of every branch: move {@code amount} on {@code account}.
 *
 * @param account the account id
 * @param amount the amount
 */
public record Transfer(String account, int amount) {

}
