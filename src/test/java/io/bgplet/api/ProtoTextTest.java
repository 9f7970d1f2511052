package io.bgplet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The proto reader on inline text: every construct the contract test relies on. */
class ProtoTextTest {

    private static final String SAMPLE = """
            // line comment
            syntax = "proto3";
            package demo;
            option go_package = "x;y";
            import "google/protobuf/any.proto";
            /* block
               comment */
            service Box {
              rpc Put(stream Item) returns (Ack);
              rpc Watch(Item)
                  returns(stream Item) { option deprecated = true; }
            }
            message Item {
              message Inner { enum Kind { A = 0; B = 0x10; } Kind kind = 1; }
              reserved 7, 9 to 11;
              repeated Inner inners = 2;
              optional string note = 3 [deprecated = true];
              map<string, Inner> by_name = 4;
              oneof choice { uint32 num = 5; string text = 6; }
              google.protobuf.Any extra = 8;
            }
            message Ack {}
            enum Top { NEG = -1; ZERO = 0; }
            """;

    @Test
    void readsMessagesFieldsOneofsMapsAndNesting() {
        ProtoText.File f = ProtoText.parse("demo.proto", SAMPLE);
        assertThat(f.pkg()).isEqualTo("demo");
        assertThat(f.imports()).containsExactly("google/protobuf/any.proto");
        assertThat(f.messages()).containsOnlyKeys("demo.Item", "demo.Item.Inner", "demo.Ack");
        var fields = f.messages().get("demo.Item").fields();
        assertThat(fields).extracting(ProtoText.Field::number).containsExactly(2, 3, 4, 5, 6, 8);
        assertThat(fields.get(0)).isEqualTo(new ProtoText.Field("inners", 2,
                ProtoText.Label.REPEATED, "Inner", null, null, null));
        assertThat(fields.get(1).label()).isEqualTo(ProtoText.Label.OPTIONAL);
        assertThat(fields.get(2).isMap()).isTrue();
        assertThat(fields.get(2).mapKey()).isEqualTo("string");
        assertThat(fields.get(2).mapValue()).isEqualTo("Inner");
        assertThat(fields.get(3).oneof()).isEqualTo("choice");
        assertThat(fields.get(4).oneof()).isEqualTo("choice");
        assertThat(fields.get(5).typeName()).isEqualTo("google.protobuf.Any");
    }

    @Test
    void readsEnumsWithHexAndNegativeValues() {
        ProtoText.File f = ProtoText.parse("demo.proto", SAMPLE);
        assertThat(f.enums().get("demo.Item.Inner.Kind").values()).containsEntry("A", 0).containsEntry("B", 16);
        assertThat(f.enums().get("demo.Top").values()).containsEntry("NEG", -1);
    }

    @Test
    void readsStreamingMarkers() {
        var rpcs = ProtoText.parse("demo.proto", SAMPLE).services().get("demo.Box").rpcs();
        assertThat(rpcs).containsExactly(
                new ProtoText.Rpc("Put", "Item", true, "Ack", false),
                new ProtoText.Rpc("Watch", "Item", false, "Item", true));
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> ProtoText.parse("p2.proto", "syntax = \"proto2\";"))
                .hasMessageContaining("only proto3");
        assertThatThrownBy(() -> ProtoText.parse("x.proto", "syntax = \"proto3\"; extend Foo { }"))
                .hasMessageContaining("unexpected top-level token extend");
        assertThatThrownBy(() -> ProtoText.parse("x.proto", "syntax = \"proto3\"; message M { int32 a = ; }"))
                .hasMessageContaining("expected a number");
    }
}
