package io.pbxhub.instance.pbx;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.instance.connection.ConnectionReport;
import io.pbxhub.instance.connection.ConnectionTester;
import io.pbxhub.instance.status.InstanceStatusRecord;
import io.pbxhub.instance.status.StatusChange;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "PBX instances")
@Blocking
public class InstanceResource {

    private final InstanceService service;
    private final ConnectionTester tester;

    public InstanceResource(InstanceService service, ConnectionTester tester) {
        this.service = service;
        this.tester = tester;
    }

    public record StatusHistory(InstanceView.Status current, List<Change> history) {

        public record Change(String state, String databaseReason, String eslReason, java.time.Instant changedAt) {
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid InstanceRequest request) {
        InstanceView created = InstanceView.of(service.create(request), null);
        return Response.created(URI.create("/api/v1/instances/" + created.id())).entity(created).build();
    }

    @GET
    public List<InstanceView> list() {
        Map<UUID, InstanceStatusRecord> statuses = InstanceStatusRecord.<InstanceStatusRecord>listAll().stream()
                .collect(Collectors.toMap(s -> s.instanceId, Function.identity()));
        return service.list().stream().map(i -> InstanceView.of(i, statuses.get(i.id))).toList();
    }

    @GET
    @Path("/{id}")
    public InstanceView get(@PathParam("id") UUID id) {
        return InstanceView.of(service.require(id), InstanceStatusRecord.findById(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Edits an instance. retest_advised is true when a connection setting changed.")
    public InstanceView update(@PathParam("id") UUID id, @NotNull @Valid InstanceRequest request) {
        InstanceService.Edit edit = service.update(id, request);
        return InstanceView.of(edit.instance(), InstanceStatusRecord.findById(id), edit.connectionChanged());
    }

    @DELETE
    @Path("/{id}")
    @Operation(description = "Removes an instance. Refused (409) while tenants are assigned to it.")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Tests database and ESL settings before they are saved.")
    public ConnectionReport testUnsaved(@NotNull @Valid InstanceRequest request) {
        return tester.test(InstanceService.probeTarget(request)).join();
    }

    @POST
    @Path("/{id}/test")
    @Operation(description = "Tests a saved instance's database and ESL connections now.")
    public ConnectionReport testSaved(@PathParam("id") UUID id) {
        return tester.test(service.probeTarget(service.require(id))).join();
    }

    @GET
    @Path("/{id}/status")
    public StatusHistory status(@PathParam("id") UUID id) {
        service.require(id);
        List<StatusHistory.Change> history = StatusChange.latest(id, 50).stream()
                .map(c -> new StatusHistory.Change(c.status, c.databaseReason, c.eslReason, c.changedAt))
                .toList();
        return new StatusHistory(InstanceView.Status.of(InstanceStatusRecord.findById(id)), history);
    }
}
