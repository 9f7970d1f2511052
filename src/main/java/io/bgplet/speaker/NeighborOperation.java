package io.bgplet.speaker;

/** Operator actions on one neighbour (GoBGP's ResetPeer, DisablePeer, EnablePeer, ShutdownPeer). */
public enum NeighborOperation { HARD_RESET, SOFT_RESET_IN, SOFT_RESET_OUT, SOFT_RESET_BOTH, DISABLE, ENABLE, SHUTDOWN }
