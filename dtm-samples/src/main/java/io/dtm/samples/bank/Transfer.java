package io.dtm.samples.bank;

/**
 * The body the coordinator sends to a branch: which account and how much.
 *
 * @param account the account id
 * @param amount the amount, positive
 */
public record Transfer(long account, int amount) {

}
