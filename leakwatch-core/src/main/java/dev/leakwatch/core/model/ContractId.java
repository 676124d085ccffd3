package dev.leakwatch.core.model;

/** An enum constant whose JSON name is fixed by the diagnosis contract. */
interface ContractId {
    String id();

    /** Finds the constant with that JSON name, or fails naming what was expected. */
    static <E extends Enum<E> & ContractId> E lookup(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + id + "'");
    }
}
