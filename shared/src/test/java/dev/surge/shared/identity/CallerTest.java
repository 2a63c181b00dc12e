package dev.surge.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void readsClaimsAsApiGatewayFlattensThem() {
        Caller caller = Caller.fromClaims(Map.of("sub", "u-1", "tags", "[vip gold]", "scope", "openid surge/admin",
                "registered_at", "1767225600", "phone_number", "+8613800000000", "cognito:groups", "[ops]"));
        assertEquals("u-1", caller.userId());
        assertEquals(Set.of("vip", "gold"), caller.tags());
        assertEquals(Set.of("openid", "surge/admin", "ops"), caller.scopes());
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), caller.registeredAt());
        assertEquals(Optional.of("+8613800000000"), caller.phoneNumber());
    }

    @Test
    void readsClaimsAsAJwtLibraryHandsThemOver() {
        Caller caller = Caller.fromClaims(Map.of("sub", "u-2", "tags", List.of("new"), "registered_at",
                1767225600L, "groups", List.of("admin")));
        assertEquals(Set.of("new"), caller.tags());
        assertTrue(caller.hasScope("admin"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1767225600L)), caller.registeredAt());
    }

    @Test
    void acceptsIsoRegistrationTimeAndQuotedArrays() {
        Caller caller = Caller.fromClaims(Map.of("sub", "u-3", "registered_at", "2026-02-03T04:05:06Z", "tags",
                "[\"a\",\"b\"]"));
        assertEquals(Optional.of(Instant.parse("2026-02-03T04:05:06Z")), caller.registeredAt());
        assertEquals(Set.of("a", "b"), caller.tags());
    }

    @Test
    void refusesTokensWithoutSubjectOrWithBadTimes() {
        assertThrows(IllegalArgumentException.class, () -> Caller.fromClaims(Map.of("tags", "vip")));
        assertThrows(IllegalArgumentException.class, () -> Caller.fromClaims(Map.of("sub", " ")));
        assertThrows(IllegalArgumentException.class,
                () -> Caller.fromClaims(Map.of("sub", "u", "registered_at", "yesterday")));
    }
}
