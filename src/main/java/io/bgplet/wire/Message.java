package io.bgplet.wire;

/** The five BGP message types (RFC 4271 section 4, RFC 2918 for ROUTE-REFRESH). */
public sealed interface Message permits Open, Update, Notification, Keepalive, RouteRefresh {

    int TYPE_OPEN = 1;
    int TYPE_UPDATE = 2;
    int TYPE_NOTIFICATION = 3;
    int TYPE_KEEPALIVE = 4;
    int TYPE_ROUTE_REFRESH = 5;

    int type();
}
