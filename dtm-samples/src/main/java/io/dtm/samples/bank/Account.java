package io.dtm.samples.bank;

/**
 * One row of the {@code account} table.
 *
 * @param id the account id
 * @param balance the money that can be spent
 * @param frozen the money a TCC try reserved and a confirm or cancel has not settled yet
 */
public record Account(long id, int balance, int frozen) {

}
