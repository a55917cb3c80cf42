package io.boucle.fulfilment;

/** Where a parcel is. {@link #DELIVERED} is final: a later carrier event is kept in the history only. */
public enum ShipmentStatus {
    SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION
}
