package io.boucle.platform.web;

/**
 * How many requests the shop is serving right now (those admitted by admission control; static
 * files and health checks are not counted). Background work that can wait, such as making
 * documents, asks it so as to leave the cores to shoppers during a rush.
 */
public interface RequestLoad {

    int inFlight();
}
