package dev.surge.admin.rest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.surge.admin.config.ConsoleConfig;
import dev.surge.admin.service.ConsoleService;
import dev.surge.shared.identity.Caller;

/**
 * The operator console's read API: where the functions answer and the QR pools (a campaign live is
 * {@link CampaignLiveResource}). The console's pages are static files under {@code /console/}; everything they
 * show comes from here, the admin API and the functions' own admin routes.
 */
@Path("/admin/v1")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    private final ConsoleConfig config;
    private final ConsoleService console;

    public ConsoleResource(ConsoleConfig config, ConsoleService console) {
        this.config = config;
        this.console = console;
    }

    @GET
    @Path("console")
    public ConsoleView console() {
        Map<String, String> functions = new TreeMap<>();
        config.functions().forEach((name, endpoint) -> functions.put(name, endpoint.baseUrl().orElse("")));
        return new ConsoleView(config.currency(), functions, config.qrPools().orElse(List.of()));
    }

    /** Each configured pool's codes ready, and the upstream codes the fleet made this minute (the qr function's keys). */
    @GET
    @Path("qr-pools")
    public List<QrPoolView> qrPools() {
        return console.qrPools().stream().map(QrPoolView::of).toList();
    }
}
