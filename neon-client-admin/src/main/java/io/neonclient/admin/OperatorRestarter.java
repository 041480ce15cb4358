package io.neonclient.admin;

import io.neonclient.core.NodeId;

/** {@link NodeRestarter#askOperator()}: issues nothing; the recipe reports that it waits for the operator. */
final class OperatorRestarter implements NodeRestarter {
    static final OperatorRestarter INSTANCE = new OperatorRestarter();

    private OperatorRestarter() {}

    @Override
    public void restart(NodeId node) {
        // The operator restarts the node; the recipe's wait for its re-attach is the whole of this restarter.
    }

    @Override
    public String toString() {
        return "the operator";
    }
}
