package org.tuopin.pairing;

import java.util.List;
import java.util.function.UnaryOperator;

import org.tuopin.base.export.TableExport.Column;
import org.tuopin.pairing.PairingService.Pairing;

/**
 * The columns of a pairing export: every column of the record, in the order of the reference file
 * {@code pairings.csv} with the funds split into pledged and delivered, and the record's id first so that a
 * row can be traced to its audit history. Headers are machine names unless a translator is given.
 */
public final class PairingExports {

    private PairingExports() {
    }

    public static List<Column<Pairing>> columns(UnaryOperator<String> header) {
        return List.of(
                new Column<>(header.apply("id"), Pairing::id),
                new Column<>(header.apply("donor"), Pairing::donor),
                new Column<>(header.apply("donor_type"), p -> p.donorType().name()),
                new Column<>(header.apply("recipient_code"), Pairing::recipientCode),
                new Column<>(header.apply("year"), Pairing::year),
                new Column<>(header.apply("funds_pledged_rmb"), Pairing::fundsPledgedRmb),
                new Column<>(header.apply("funds_delivered_rmb"), Pairing::fundsDeliveredRmb),
                new Column<>(header.apply("projects"), Pairing::projects),
                new Column<>(header.apply("people_helped"), Pairing::peopleHelped),
                new Column<>(header.apply("source"), Pairing::source),
                new Column<>(header.apply("note"), Pairing::note));
    }
}
