package org.pgmigrate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** README's copy strategy does what it says: addresses masked, the rest as it was, and the run verified. */
@ExtendWith(PostgresExtension.class)
class MaskedCopyIT {
    @Test
    void customersAddressesAreMaskedAndTheOtherTablesCopiedAsTheyAre(@Pg(instance = "source") TestDatabase source,
                                                                     @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.customers (id int PRIMARY KEY, email text, name text);"
                + "INSERT INTO public.customers VALUES (1, 'ann@shop.example', 'Ann'), (2, NULL, 'Bob'), (3, 'cy@shop.example', 'Cy');"
                + "CREATE TABLE public.suppliers (id int PRIMARY KEY, email text);"
                + "INSERT INTO public.suppliers VALUES (1, 'sales@supplier.example')");

        MigrationResult result = MaskedCopy.migrate(source.endpoint(), target.endpoint());

        assertThat(target.queryColumn("SELECT coalesce(email, '-') || ' ' || name FROM public.customers ORDER BY id"))
                .containsExactly("customer-1@example.invalid Ann", "- Bob", "customer-3@example.invalid Cy");
        assertThat(target.queryValue("SELECT email FROM public.suppliers")).isEqualTo("sales@supplier.example");
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
    }
}
