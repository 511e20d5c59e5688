package io.pbxhub.instance.pbx;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an operator sends to add or edit a FusionPBX instance: a name, the host, and its two connections. On an edit, a
 * password left out keeps the stored one.
 */
public record InstanceRequest(@NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 253) @Pattern(regexp = Hostnames.PATTERN, message = Hostnames.MESSAGE) String hostname,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only") String tenantId,
        @NotNull @Valid Database database, @NotNull @Valid Esl esl) {

    public record Database(
            @Pattern(regexp = "postgresql|mysql|mariadb", message = "must be postgresql, mysql or mariadb") String type,
            @NotBlank @Size(max = 253) @Pattern(regexp = Hostnames.PATTERN, message = Hostnames.MESSAGE) String host,
            @Min(1) @Max(65535) Integer port,
            @NotBlank @Size(max = 63) @Pattern(regexp = "[A-Za-z0-9_$-]+", message = "not a database name") String name,
            @NotBlank @Size(max = 63) String username, @Size(max = 256) String password) {
    }

    public record Esl(
            @NotBlank @Size(max = 253) @Pattern(regexp = Hostnames.PATTERN, message = Hostnames.MESSAGE) String host,
            @Min(1) @Max(65535) Integer port, @Size(max = 256) String password) {
    }
}
