package io.dtm.samples.workflow;

/**
 * The workflow's input: move {@code amount} from account {@code from} to account
 * {@code to}. The coordinator stores it with the workflow and hands it back when it
 * resumes the workflow.
 *
 * @param from the payer's account
 * @param to the receiver's account
 * @param amount the amount
 */
public record TransferOrder(long from, long to, int amount) {

}
