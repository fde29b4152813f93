package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * A Protobuf schema the converter generated from a Connect schema.
 *
 * @param proto the file as protoc would describe it
 * @param file the built file
 * @param root the top-level message records are written with (message index {@code [0]})
 * @param text the {@code .proto} text registered for it
 */
public record ProtoSchema(FileDescriptorProto proto, FileDescriptor file, Descriptor root, String text) {}
